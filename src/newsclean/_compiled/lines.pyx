# cython: language_level=3, boundscheck=False, wraparound=False
"""Per-line features in one pass over the lines (see newsclean.engine.lines for the
definition this must equal)."""

from cpython.unicode cimport Py_UNICODE_ISSPACE


cdef inline bint _is_terminal(Py_UCS4 ch):
    return ch in u".!?…。！？؟।"


cdef inline bint _is_closer(Py_UCS4 ch):
    return ch in u"\"'”’»)]"


cdef inline bint _unspaced(Py_UCS4 ch):
    # scripts written without spaces (engine/lines.py: _UNSPACED_RUN)
    return (
        0x0E00 <= ch <= 0x0EFF or 0x1000 <= ch <= 0x109F or 0x1780 <= ch <= 0x17FF
        or 0x3040 <= ch <= 0x30FF or 0x3400 <= ch <= 0x4DBF or 0x4E00 <= ch <= 0x9FFF
        or 0xF900 <= ch <= 0xFAFF or 0x20000 <= ch <= 0x2FFFF
    )


def line_table(list lines):
    cdef list nonblank = []
    cdef list words = []
    cdef list ends = []
    cdef list chars = []
    cdef Py_ssize_t i, j, n, count, first, last, run
    cdef str line
    cdef bint in_word, blank
    cdef Py_UCS4 ch
    for i in range(len(lines)):
        line = lines[i]
        n = len(line)
        count = 0
        in_word = False
        blank = True
        first = -1
        last = -1
        run = 0
        for j in range(n):
            ch = line[j]
            if _unspaced(ch):
                run += 1
            elif run:
                count += (2 * run + 2) // 3 - 1  # ceil(run / 1.5), less the one word it was
                run = 0
            if Py_UNICODE_ISSPACE(ch):
                in_word = False
            else:
                if blank:
                    first = j
                blank = False
                last = j
                if not in_word:
                    count += 1
                    in_word = True
        if run:
            count += (2 * run + 2) // 3 - 1
        if not blank:
            nonblank.append(i)
        words.append(count)
        # the last character that is neither white space nor a closing quote or bracket,
        # after stripping white space first, then closers (as rstrip().rstrip(closers))
        j = n - 1
        while j >= 0 and Py_UNICODE_ISSPACE(line[j]):
            j -= 1
        while j >= 0 and _is_closer(line[j]):
            j -= 1
        ends.append(j >= 0 and _is_terminal(line[j]))
        chars.append(0 if blank else last - first + 1)
    return nonblank, words, ends, chars
