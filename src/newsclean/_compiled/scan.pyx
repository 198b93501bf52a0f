# cython: language_level=3, boundscheck=False, wraparound=False
"""The engine's loops that run once per match or once per line, in C. Each must equal its
Python definition: newsclean.engine.literals.candidates_python,
newsclean.engine.scanner.byte_offsets_python and the on_match handler there, the loop in
newsclean.engine.finders._short_keys."""


cdef Py_ssize_t _line_of(list offsets, Py_ssize_t pos):
    # bisect.bisect_right(offsets, pos) - 1
    cdef Py_ssize_t lo = 0, hi = len(offsets), mid
    while lo < hi:
        mid = (lo + hi) // 2
        if pos < <Py_ssize_t>offsets[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo - 1


def candidates(object pattern, str text, list offsets, object numbers, object verify):
    cdef list out = []
    cdef Py_ssize_t pos = 0, j, n = len(offsets)
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return out
        j = _line_of(offsets, m.start())
        if verify is None or verify(j):
            out.append(numbers[j])
        if j + 1 >= n:
            return out
        pos = offsets[j + 1]


def byte_offsets(str text, list starts):
    """The UTF-8 byte offset of each character offset in ``starts`` (ascending)."""
    cdef list out = []
    cdef Py_ssize_t k = 0, n = len(starts), i, length = len(text), target
    cdef Py_ssize_t at = 0
    cdef Py_UCS4 ch
    if n == 0:
        return out
    target = starts[0]
    for i in range(length + 1):
        while i == target:
            out.append(at)
            k += 1
            if k >= n:
                return out
            target = starts[k]
        if i == length:
            break
        ch = text[i]
        if ch < 0x80:
            at += 1
        elif ch < 0x800:
            at += 2
        elif ch < 0x10000:
            at += 3
        else:
            at += 4
    return out


cdef class MatchLines:
    """A Hyperscan match handler: the literal's number -> the set of lines its matches start
    in (``bisect_right(starts, end - lengths[number]) - 1``; scanner.py's ``on_match``)."""

    cdef list starts
    cdef list lengths
    cdef public dict found

    def __init__(self, list starts, list lengths):
        self.starts = starts
        self.lengths = lengths
        self.found = {}

    def __call__(self, number, start, end, flags, context):
        cdef Py_ssize_t line = _line_of(self.starts, <Py_ssize_t>end - <Py_ssize_t>self.lengths[number])
        hits = self.found.get(number)
        if hits is None:
            self.found[number] = {line}
        else:
            (<set>hits).add(line)
        return None


def short_keys(list lines, list nonblank, Py_ssize_t max_chars, str strip_chars, object collapse):
    """The non-blank lines of at most ``max_chars`` characters, their keys
    (newsclean.document.line_key: stripped of ``strip_chars``, white-space runs collapsed by
    ``collapse`` when the key holds two spaces, a tab or a no-break space, case-folded), the
    offset of each key in the keys joined by newlines, and key -> its lines."""
    cdef list numbers = []
    cdef list texts = []
    cdef list offsets = []
    cdef dict by_key = {}
    cdef str line, key
    cdef Py_ssize_t at = 0
    for i in nonblank:
        line = lines[i]
        if len(line) > max_chars:
            continue
        key = line.strip(strip_chars)
        if u"  " in key or u"\t" in key or u"\u00a0" in key:
            key = collapse(key)
        key = key.casefold()
        numbers.append(i)
        texts.append(key)
        offsets.append(at)
        at += len(key) + 1
        found = by_key.get(key)
        if found is None:
            by_key[key] = [i]
        else:
            (<list>found).append(i)
    return numbers, texts, offsets, by_key

