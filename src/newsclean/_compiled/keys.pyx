# cython: language_level=3, boundscheck=False, wraparound=False
"""The distinct line keys of a text in one pass, short keys and long keys' slots (see
newsclean.engine.lines.document_slots_python for the definition this must equal).

Per line: trim, then fold into a buffer in one loop specialised to the text's storage width
(1, 2 or 4 bytes a character), and collapse whitespace only where needed. ASCII letters are
lower-cased here; a character whose casefold is its simple lowercase (``simple_fold``, a table
the caller derives from Python's own Unicode database) by ``Py_UNICODE_TOLOWER``; a line with
any other character is folded by ``str.casefold`` and collapsed by the reference's regex.
A folded line that is all ASCII is its own UTF-8: its str and its CRC input are made from one
byte buffer, without the width scan of ``PyUnicode_FromKindAndData`` or an ``encode``.
The reference folds the whole text at once, which costs a full case lookup per character
even for the ASCII characters of a text that holds one curly quote. Trimming and collapsing
whitespace commute with folding: no character folds to or from a trimmed character or a
space."""

from cpython.mem cimport PyMem_Free, PyMem_Realloc
from cpython.unicode cimport Py_UNICODE_ISSPACE, Py_UNICODE_TOLOWER, PyUnicode_New
from libc.string cimport memcpy

cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)
    object PyUnicode_Substring(object, Py_ssize_t start, Py_ssize_t end)
    object PyUnicode_FromString(const char* text)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    object PyBytes_FromStringAndSize(const char* v, Py_ssize_t len)
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


cdef Py_ssize_t _utf8(const Py_UCS4* chars, Py_ssize_t n, unsigned char* out) noexcept:
    """UTF-8 of ``chars[:n]`` into ``out`` (4 bytes a character at most); returns its length."""
    cdef Py_ssize_t i, k = 0
    cdef unsigned int c
    for i in range(n):
        c = chars[i]
        if c < 0x80:
            out[k] = <unsigned char> c
            k += 1
        elif c < 0x800:
            out[k] = <unsigned char> (0xc0 | (c >> 6))
            out[k + 1] = <unsigned char> (0x80 | (c & 0x3f))
            k += 2
        elif c < 0x10000:
            out[k] = <unsigned char> (0xe0 | (c >> 12))
            out[k + 1] = <unsigned char> (0x80 | ((c >> 6) & 0x3f))
            out[k + 2] = <unsigned char> (0x80 | (c & 0x3f))
            k += 3
        else:
            out[k] = <unsigned char> (0xf0 | (c >> 18))
            out[k + 1] = <unsigned char> (0x80 | ((c >> 12) & 0x3f))
            out[k + 2] = <unsigned char> (0x80 | ((c >> 6) & 0x3f))
            out[k + 3] = <unsigned char> (0x80 | (c & 0x3f))
            k += 4
    return k


ctypedef fused CharT:
    unsigned char
    unsigned short
    unsigned int


cdef inline Py_ssize_t _fold(const CharT* chars, Py_ssize_t a, Py_ssize_t b, Py_UCS4* out,
                             const unsigned char* simple, Py_ssize_t simple_len, int* flags) noexcept:
    """Fold chars[a:b] into ``out``; flags: 1 changed, 2 needs collapsing, 4 complex fold
    (then the result is incomplete),
    8 a character beyond ASCII."""
    cdef Py_ssize_t j, k = 0
    cdef Py_UCS4 ch, low, prev = 0
    cdef int f = 0
    for j in range(a, b):
        ch = chars[j]
        if ch < 128:
            if 65 <= ch <= 90:
                ch = <Py_UCS4> (<unsigned int> ch + 32)
                f |= 1
            elif ch == 9 or (ch == 32 and prev == 32):
                f |= 2
        elif ch == 0xa0:
            f |= 10
        elif ch >= simple_len or not simple[ch]:
            flags[0] = f | 4
            return k
        else:
            low = Py_UNICODE_TOLOWER(ch)
            if low != ch:
                ch = low
                f |= 1
            f |= 8
        out[k] = ch
        k += 1
        prev = ch
    flags[0] = f
    return k


cdef inline int _hex_slot(unsigned long long slot, char* digits) noexcept:
    """``" 0x"`` and the lower-case hex digits of ``slot``, as ``line_slot``'s ``" " + hex(...)``."""
    cdef char tmp[20]
    cdef int n = 0, i, k = 3
    digits[0] = 32
    digits[1] = 48
    digits[2] = 120
    if slot == 0:
        digits[3] = 48
        digits[4] = 0
        return 4
    while slot:
        tmp[n] = b"0123456789abcdef"[slot & 15]
        slot >>= 4
        n += 1
    for i in range(n - 1, -1, -1):
        digits[k] = tmp[i]
        k += 1
    digits[k] = 0
    return k


cdef inline object _ascii(const unsigned char* chars, Py_ssize_t n):
    """A str of ``n`` ASCII characters, made without scanning them for the widest one."""
    cdef object out = PyUnicode_New(n, 127)
    memcpy(PyUnicode_DATA(out), chars, n)
    return out


def document_slots(str text, object collapse, object crc32, Py_ssize_t max_key_chars, bytes simple_fold):
    """``collapse`` is the reference's whitespace-run substitution and ``crc32`` zlib's;
    ``simple_fold[c]`` is 1 when ``chr(c).casefold()`` is the one character
    ``Py_UNICODE_TOLOWER(c)`` (for c below ``len(simple_fold)``)."""
    cdef set keys = set()
    cdef dict long = {}
    cdef unsigned long long slot
    cdef char digits[32]
    cdef Py_ssize_t n = len(text)
    cdef Py_ssize_t start = 0, end, a, b, j, k, m
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef const unsigned char* simple = simple_fold
    cdef Py_ssize_t simple_len = len(simple_fold)
    cdef Py_UCS4 ch, low, prev
    cdef Py_UCS4* buffer = NULL
    cdef Py_UCS4* grown
    cdef unsigned char* utf8 = NULL
    cdef unsigned char* grown8
    cdef Py_ssize_t capacity = 0
    cdef bint needs, changed, complex_fold, in_space, wide
    cdef int flags = 0
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
            if b - a > capacity:
                grown = <Py_UCS4*> PyMem_Realloc(buffer, (b - a) * sizeof(Py_UCS4))
                if grown == NULL:
                    raise MemoryError()
                buffer = grown
                grown8 = <unsigned char*> PyMem_Realloc(utf8, (b - a) * 4)
                if grown8 == NULL:
                    raise MemoryError()
                utf8 = grown8
                capacity = b - a
            if kind == 1:
                k = _fold(<unsigned char*> data, a, b, buffer, simple, simple_len, &flags)
            elif kind == 2:
                k = _fold(<unsigned short*> data, a, b, buffer, simple, simple_len, &flags)
            else:
                k = _fold(<unsigned int*> data, a, b, buffer, simple, simple_len, &flags)
            changed = flags & 1
            needs = flags & 2
            complex_fold = flags & 4
            if complex_fold:
                key = PyUnicode_Substring(text, a, b).casefold()
                if "\t" in key or "  " in key or "\u00a0" in key:
                    key = collapse(key)
                m = len(key)
                if m <= max_key_chars:
                    keys.add(key)
                else:
                    slot = (<unsigned long long> crc32((<str> key).encode("utf-8"))) << 24 | <unsigned long long> m
                    _hex_slot(slot, digits)
                    long[PyUnicode_FromString(digits)] = key
                continue
            if needs:  # collapse whitespace runs in place (the buffer is already folded)
                m = 0
                in_space = False
                for j in range(k):
                    ch = buffer[j]
                    if Py_UNICODE_ISSPACE(ch):
                        if not in_space:
                            buffer[m] = 32
                            m += 1
                            in_space = True
                        continue
                    in_space = False
                    buffer[m] = ch
                    m += 1
                k = m
                changed = True
            wide = flags & 8
            if not wide:  # the folded line's ASCII bytes: its UTF-8, and its str's data
                for j in range(k):
                    utf8[j] = <unsigned char> buffer[j]
            if k <= max_key_chars:
                if not changed:
                    keys.add(PyUnicode_Substring(text, a, b))
                elif wide:
                    keys.add(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, k))
                else:
                    keys.add(_ascii(utf8, k))
            else:
                m = _utf8(buffer, k, utf8) if wide else k
                slot = (<unsigned long long> crc32(PyBytes_FromStringAndSize(<char*> utf8, m))) << 24 | <unsigned long long> k
                _hex_slot(slot, digits)
                if not changed:
                    key = PyUnicode_Substring(text, a, b)
                elif wide:
                    key = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, k)
                else:
                    key = _ascii(utf8, k)
                long[PyUnicode_FromString(digits)] = key
    finally:
        PyMem_Free(buffer)
        PyMem_Free(utf8)
    return keys, long
