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



def ending_lines(list lines, list nonblank, object limit, str strip, Py_ssize_t width, dict by_last, dict fold,
                 object digit_end):
    """The non-blank lines that newsclean.engine.endings.EndsWith accepts (its ``__call__``
    is the definition), in order: the same steps per line, without a Python call per line."""
    cdef list out = []
    cdef str line, stripped, end, low
    cdef Py_ssize_t lim = -1 if limit is None else <Py_ssize_t>limit
    for i in nonblank:
        line = lines[i]
        if lim >= 0 and len(line) > lim:
            continue
        stripped = line.rstrip(strip)
        if digit_end is not None and stripped[-1:].isdecimal() and digit_end(stripped):
            out.append(i)
            continue
        end = stripped[-width:]
        low = end.lower()
        if len(low) != len(end):
            out.append(i)
            continue
        if not low.isascii():
            low = low.translate(fold)
        ends = by_last.get(low[-1:])
        if ends is not None and low.endswith(ends):
            out.append(i)
    return out


from cpython.unicode cimport Py_UNICODE_ISDECIMAL


def class_lines(list lines, str chars, bint digits):
    """The numbers of the lines holding a character of ``chars`` or (``digits``) a decimal
    digit, in order (newsclean.engine.finders.class_lines_python is the definition)."""
    cdef list out = []
    cdef bint ascii[128]
    cdef str line, wide = u""
    cdef Py_ssize_t i, j, n
    cdef Py_UCS4 ch
    for j in range(128):
        ascii[j] = digits and 0x30 <= j <= 0x39
    for ch in chars:
        if ch < 128:
            ascii[ch] = True
        else:
            wide += ch
    for i in range(len(lines)):
        line = lines[i]
        n = len(line)
        for j in range(n):
            ch = line[j]
            if ch < 128:
                if ascii[ch]:
                    out.append(i)
                    break
            elif (digits and Py_UNICODE_ISDECIMAL(ch)) or ch in wide:
                out.append(i)
                break
    return out
