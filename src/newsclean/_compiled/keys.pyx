# cython: language_level=3, boundscheck=False, wraparound=False
"""The distinct line keys of a text in one pass, short keys and long keys' slots (see
newsclean.engine.lines.document_slots_python for the definition this must equal).

Per line: trim, then fold and collapse whitespace only where needed. ASCII letters are
lower-cased here; a character whose casefold is its simple lowercase (``simple_fold``, a table
the caller derives from Python's own Unicode database) by ``Py_UNICODE_TOLOWER``; a line with
any other character is folded by ``str.casefold`` and collapsed by the reference's regex.
The reference folds the whole text at once, which costs a full case lookup per character
even for the ASCII characters of a text that holds one curly quote. Trimming and collapsing
whitespace commute with folding: no character folds to or from a trimmed character or a
space."""

from cpython.mem cimport PyMem_Free, PyMem_Realloc
from cpython.unicode cimport Py_UNICODE_ISSPACE, Py_UNICODE_TOLOWER, PyUnicode_New
from libc.stdio cimport snprintf

cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)
    object PyUnicode_Substring(object, Py_ssize_t start, Py_ssize_t end)
    object PyUnicode_FromString(const char* text)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    Py_ssize_t PyUnicode_FindChar(object, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end, int direction) except -2
    int PyUnicode_4BYTE_KIND


cdef inline bint _trimmed(Py_UCS4 ch):
    # newsclean.engine.lines.KEY_STRIP (tests check the two agree)
    if ch < 128:
        return ch == 32 or ch == 9 or ch == 13 or ch == 12 or ch == 11 or ch == 45 or ch == 42 \
            or ch == 124 or ch == 58 or ch == 62 or ch == 60 or ch == 46
    return ch == 0x00a0 or ch == 0x200b or ch == 0xfeff or ch == 0x2013 or ch == 0x2014 \
        or ch == 0x2022 or ch == 0x00b7 or ch == 0x203a or ch == 0x00bb or ch == 0x00ab \
        or ch == 0x2039 or ch == 0x2026


def document_slots(str text, object collapse, object crc32, Py_ssize_t max_key_chars, bytes simple_fold):
    """``collapse`` is the reference's whitespace-run substitution and ``crc32`` zlib's;
    ``simple_fold[c]`` is 1 when ``chr(c).casefold()`` is the one character
    ``Py_UNICODE_TOLOWER(c)`` (for c below ``len(simple_fold)``)."""
    cdef set keys = set()
    cdef dict long = {}
    cdef unsigned long long slot
    cdef char digits[32]
    cdef Py_ssize_t n = len(text)
    cdef Py_ssize_t start = 0, end, a, b, j, k
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef const unsigned char* simple = simple_fold
    cdef Py_ssize_t simple_len = len(simple_fold)
    cdef Py_UCS4 ch, prev
    cdef Py_UCS4* buffer = NULL
    cdef Py_UCS4* grown
    cdef Py_ssize_t capacity = 0
    cdef bint needs, upper, wide, complex_fold, in_space
    cdef object key
    try:
        while start <= n:
            end = PyUnicode_FindChar(text, 10, start, n, 1)
            if end < 0:
                end = n
            a = start
            b = end
            start = end + 1
            while a < b and _trimmed(PyUnicode_READ(kind, data, a)):
                a += 1
            while b > a and _trimmed(PyUnicode_READ(kind, data, b - 1)):
                b -= 1
            if b == a:
                continue
            needs = upper = wide = complex_fold = False
            prev = 0
            for j in range(a, b):
                ch = PyUnicode_READ(kind, data, j)
                if ch >= 128:
                    wide = True
                    if ch == 0xa0:
                        needs = True
                    elif ch >= simple_len or not simple[ch]:
                        complex_fold = True
                elif 65 <= ch <= 90:
                    upper = True
                elif ch == 9 or (ch == 32 and prev == 32):
                    needs = True
                prev = ch
            if complex_fold:
                key = PyUnicode_Substring(text, a, b).casefold()
                if needs:
                    key = collapse(key)
            elif not (wide or upper or needs):
                key = PyUnicode_Substring(text, a, b)
            else:
                if b - a > capacity:
                    grown = <Py_UCS4*> PyMem_Realloc(buffer, (b - a) * sizeof(Py_UCS4))
                    if grown == NULL:
                        raise MemoryError()
                    buffer = grown
                    capacity = b - a
                k = 0
                in_space = False
                for j in range(a, b):
                    ch = PyUnicode_READ(kind, data, j)
                    if needs and Py_UNICODE_ISSPACE(ch):
                        if not in_space:
                            buffer[k] = 32
                            k += 1
                            in_space = True
                        continue
                    in_space = False
                    if ch < 128:
                        if 65 <= ch <= 90:
                            ch = <Py_UCS4> (<unsigned int> ch + 32)
                    else:
                        ch = Py_UNICODE_TOLOWER(ch)
                    buffer[k] = ch
                    k += 1
                key = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, k)
            if len(key) <= max_key_chars:
                keys.add(key)
            else:
                slot = (<unsigned long long> crc32((<str> key).encode("utf-8"))) << 24 | <unsigned long long> len(key)
                snprintf(digits, sizeof(digits), " 0x%llx", slot)  # line_slot's " " + hex(...)
                long[PyUnicode_FromString(digits)] = key
    finally:
        PyMem_Free(buffer)
    return keys, long
