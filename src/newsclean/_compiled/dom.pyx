# cython: language_level=3
"""Compiled :func:`newsclean.htmlblocks.walk`: the same walk over selectolax's Lexbor tree,
reading the C structs (node links, tag and attribute names, text data) instead of building a
Python node object per visit. The Python ``walk()`` is the definition; this one must return
identical :class:`~newsclean.htmlblocks.PageBlocks` (``tests/test_htmlfast.py`` checks).

It is coupled to the Lexbor struct layout of the selectolax release it was built against
(:data:`SELECTOLAX_VERSION`, :data:`LEXBOR_VERSION`): ``htmlblocks`` uses it only when the
installed selectolax matches. The headers come from ``vendor/lexbor`` (Apache-2.0); nothing is
linked: the names of standard tags and attributes are Lexbor's static tables (header-only),
custom ones are read from the hash entries the ids point to.
"""

from cpython.unicode cimport PyUnicode_DecodeUTF8

cdef extern from *:
    """
    #include "lexbor/core/base.h"
    #include "lexbor/core/hash.h"
    #include "lexbor/core/str.h"
    #include "lexbor/dom/interfaces/node.h"
    #include "lexbor/dom/interfaces/element.h"
    #include "lexbor/dom/interfaces/attr.h"
    #include "lexbor/dom/interfaces/character_data.h"
    #include "lexbor/tag/tag.h"
    #include "lexbor/tag/res.h"
    #include "lexbor/dom/interfaces/attr_res.h"

    #define NC_LEXBOR_VERSION LEXBOR_VERSION_STRING

    /* lxb_dom_element_qualified_name without the call: static table or hash entry. */
    static inline const lxb_char_t *
    nc_tag_name(lxb_dom_node_t *node, size_t *len)
    {
        lxb_dom_element_t *el = (lxb_dom_element_t *) node;
        uintptr_t id = el->qualified_name != 0 ? el->qualified_name : node->local_name;
        const lxb_tag_data_t *data;
        if (id >= LXB_TAG__LAST_ENTRY) {
            if (id == LXB_TAG__LAST_ENTRY) { *len = 0; return NULL; }
            data = (const lxb_tag_data_t *) id;
        } else {
            data = &lxb_tag_res_data_default[id];
        }
        *len = data->entry.length;
        return lexbor_hash_entry_str(&data->entry);
    }

    /* lxb_dom_attr_qualified_name without the call. */
    static inline const lxb_char_t *
    nc_attr_name(lxb_dom_attr_t *attr, size_t *len)
    {
        uintptr_t id = attr->qualified_name != 0 ? attr->qualified_name : attr->node.local_name;
        const lxb_dom_attr_data_t *data;
        if (id >= LXB_DOM_ATTR__LAST_ENTRY) {
            if (id == LXB_DOM_ATTR__LAST_ENTRY) { *len = 0; return NULL; }
            data = (const lxb_dom_attr_data_t *) id;
        } else {
            data = &lxb_dom_attr_res_data_default[id];
        }
        *len = data->entry.length;
        return lexbor_hash_entry_str(&data->entry);
    }
    """
    const char *NC_LEXBOR_VERSION
    ctypedef unsigned char lxb_char_t
    ctypedef struct lexbor_str_t:
        lxb_char_t *data
        size_t length
    ctypedef struct lxb_dom_node_t:
        size_t local_name
        lxb_dom_node_t *next
        lxb_dom_node_t *parent
        lxb_dom_node_t *first_child
        int type
    ctypedef struct lxb_dom_attr_t:
        lexbor_str_t *value
        lxb_dom_attr_t *next
    ctypedef struct lxb_dom_element_t:
        size_t qualified_name
        lxb_dom_attr_t *first_attr
    ctypedef struct lxb_dom_character_data_t:
        lexbor_str_t data
    const lxb_char_t *nc_tag_name(lxb_dom_node_t *node, size_t *len)
    const lxb_char_t *nc_attr_name(lxb_dom_attr_t *attr, size_t *len)

#: The selectolax release whose Lexbor structs this module was compiled against.
SELECTOLAX_VERSION = "1.0.2"
LEXBOR_VERSION = NC_LEXBOR_VERSION.decode()

DEF ELEMENT_NODE = 1
DEF TEXT_NODE = 3

# Interned names of the attributes the walk reads (anything else only counts as "has attrs").
cdef dict _ATTR_SLOTS = {"hidden": 0, "aria-hidden": 1, "style": 2, "class": 3, "id": 4, "role": 5, "itemprop": 6}
cdef dict _SPECIAL_TAGS = {2: "-text", 3: "-document", 4: "-comment"}

# What the walk asks of a tag, computed once per tag and walk from htmlblocks' sets.
DEF F_SKIP = 1
DEF F_TRANSPARENT = 2
DEF F_ARTICLE_MAIN = 4
DEF F_CHROME = 8
DEF F_BLOCK = 16
DEF F_LINK = 32
DEF F_BR = 64
DEF F_CELL = 128
DEF F_PRE = 256


cdef long _tag_flags(object tag, object hb) except -1:
    """The walk's questions about ``tag`` as bits; the leave action sits in bits 16 and up."""
    if tag is None or tag in hb._NOT_ENTERED or tag[0] == "-":
        return F_SKIP
    cdef long flags = 0
    if tag in hb._TRANSPARENT_TAGS:
        flags |= F_TRANSPARENT
    if tag == "article" or tag == "main":
        flags |= F_ARTICLE_MAIN
    if tag in hb.CHROME_TAGS:
        flags |= F_CHROME
    if tag in hb.BLOCK_TAGS:
        flags |= F_BLOCK
    if tag == "a":
        flags |= F_LINK
    if tag == "br":
        flags |= F_BR
    if tag in hb._CELL_TAGS:
        flags |= F_CELL
    if tag == "pre":
        flags |= F_PRE
    action = hb._LEAVE_ACTION.get(tag)
    if action is not None:
        flags |= (<long> action) << 16
    return flags


cdef inline bint _ascii_space(const lxb_char_t *data, size_t length) noexcept:
    """Whether the bytes are all ASCII whitespace (then ``str.isspace()`` holds too, or the
    text is empty): the indentation between tags, skipped at a block's start undecoded."""
    cdef size_t i
    cdef lxb_char_t c
    for i in range(length):
        c = data[i]
        if c != 32 and c != 10 and c != 9 and c != 13 and c != 12 and c != 11:
            return False
    return True


cdef inline str _decode(const lxb_char_t *data, size_t length):
    return PyUnicode_DecodeUTF8(<const char *> data, length, "replace")


def walk(object root, object hb):
    """Walk ``root`` (a selectolax ``LexborNode``); ``hb`` is :mod:`newsclean.htmlblocks`,
    whose definitions (records, hint caches, block text) this shares."""
    cdef lxb_dom_node_t *node = <lxb_dom_node_t *> <size_t> root.mem_id
    cdef lxb_dom_node_t *child
    cdef lxb_dom_attr_t *attr
    cdef lexbor_str_t *sval
    cdef const lxb_char_t *cname
    cdef size_t name_len = 0
    cdef bint leave, skip
    cdef Py_ssize_t link_chars = 0, link_depth = 0, pre_depth = 0, buf_began = 0
    cdef Py_ssize_t index, owner, parent, top, cell, main_hint, chars
    cdef int slot
    cdef dict tag_names = {}
    cdef dict attr_slots = {}
    cdef list vals

    page = hb.PageBlocks()
    cdef list elements = page.elements
    cdef list blocks = page.blocks
    new_element = hb.Element
    new_block = hb.RawBlock
    not_entered = hb._NOT_ENTERED
    block_tags = hb.BLOCK_TAGS
    chrome_tags = hb.CHROME_TAGS
    chrome_roles = hb.CHROME_ROLES
    cells = hb._CELL_TAGS
    transparent = hb._TRANSPARENT_TAGS
    cdef dict leave_action = hb._LEAVE_ACTION
    hidden_style = hb._HIDDEN_STYLE.search
    cdef dict class_hints = hb._CLASS_HINTS
    cdef dict id_hints = hb._ID_HINTS
    class_hint = hb._class_hint
    block_text = hb._block_text
    no_tokens = hb._NO_TOKENS
    end_block, end_link, end_cell = hb._END_BLOCK, hb._END_LINK, hb._END_CELL
    for cache in (class_hints, id_hints):
        if len(cache) > hb._HINT_CACHE_LIMIT:
            cache.clear()
    cdef list open_stack = []
    cdef list actions = []  # per element, its leave action (0: none)
    cdef long flags, action
    cdef list owner_stack = []
    cdef list buf = []
    cdef list cell_stack = []
    cdef set cells_with_blocks = set()

    while True:
        leave = False
        tag = None
        flags = F_SKIP
        if node.type == TEXT_NODE:
            sval = &(<lxb_dom_character_data_t *> node).data
            if sval.data != NULL and (buf or not _ascii_space(sval.data, sval.length)):
                value = _decode(sval.data, sval.length)
                if value and (buf or not value.isspace()):
                    if not buf:
                        buf_began = len(elements)
                    buf.append(value)
                    if link_depth:
                        link_chars += len(value.strip())
            else:
                tag = "-text"
        elif node.type == ELEMENT_NODE:
            key = (node.local_name, (<lxb_dom_element_t *> node).qualified_name)
            known = tag_names.get(key)
            if known is None:
                cname = nc_tag_name(node, &name_len)
                tag = _decode(cname, name_len) if cname != NULL else None
                known = tag_names[key] = (tag, _tag_flags(tag, hb))
            tag, flags = known
        elif node.type != TEXT_NODE:
            tag = _SPECIAL_TAGS.get(node.local_name)
            flags = _tag_flags(tag, hb)
        if not flags & F_SKIP:
            attr = (<lxb_dom_element_t *> node).first_attr
            if attr == NULL and flags & F_TRANSPARENT:
                top = open_stack[-1] if open_stack else -1
                open_stack.append(top if top < -1 else -3 - top)
                owner_stack.append(owner_stack[-1] if owner_stack else -1)
                child = node.first_child
                if child != NULL:
                    node = child
                    continue
                leave = True
            else:
                cls = ident = role = None
                main_hint = 1 if flags & F_ARTICLE_MAIN else 0
                skip = False
                if attr != NULL:
                    vals = [None, None, None, None, None, None, None]
                    present_hidden = False
                    while attr != NULL:
                        cname = nc_attr_name(attr, &name_len)
                        aname = _decode(cname, name_len) if cname != NULL else None
                        found = _ATTR_SLOTS.get(aname)
                        if found is not None:
                            slot = found
                            sval = attr.value
                            if sval != NULL and sval.data != NULL:
                                vals[slot] = _decode(sval.data, sval.length)
                            else:
                                vals[slot] = None
                            if slot == 0:
                                present_hidden = True
                        attr = attr.next
                    if present_hidden or vals[1] == "true":
                        skip = True
                    else:
                        style = vals[2]
                        if style and hidden_style(style):
                            skip = True
                        cls = vals[3]
                        ident = vals[4]
                        role = vals[5]
                        if role:
                            role = role.lower()
                            if role == "main":
                                main_hint = 1
                        itemprop = vals[6]
                        if itemprop and "articlebody" in itemprop.lower():
                            main_hint = 2
                if not skip:
                    parent = open_stack[-1] if open_stack else -1
                    if parent < -1:
                        parent = -3 - parent
                    if parent >= 0:
                        parent_el = elements[parent]
                        in_article = parent_el.in_article or parent_el.tag == "article"
                    else:
                        in_article = False
                    chrome = ""
                    if flags & F_CHROME:
                        chrome = tag
                        if in_article and (tag == "header" or tag == "footer"):
                            chrome = ""
                    elif role and role in chrome_roles:
                        chrome = "aside" if role == "complementary" else "nav"
                    tokens, label = no_tokens, tag
                    if cls:
                        hint = class_hints.get(cls)
                        if hint is None:
                            hint = class_hints[cls] = class_hint(cls, ".")
                        tokens, suffix = hint
                        if ident:
                            hint = id_hints.get(ident)
                            if hint is None:
                                hint = id_hints[ident] = class_hint(ident, "#")
                            if hint[0]:
                                tokens = tokens | hint[0]
                            suffix = suffix or hint[1]
                        label = tag + suffix
                    elif ident:
                        hint = id_hints.get(ident)
                        if hint is None:
                            hint = id_hints[ident] = class_hint(ident, "#")
                        tokens, suffix = hint
                        label = tag + suffix
                    index = len(elements)
                    actions.append(flags >> 16)
                    elements.append(new_element(index, tag, parent, tokens, label, chrome, in_article, main_hint))
                    if flags & F_BLOCK:
                        owner = owner_stack[-1] if owner_stack else -1
                        if cell_stack and cell_stack[-1] > owner:
                            cell = cell_stack[-1]
                            cells_with_blocks.add(cell)
                            if buf and cell < buf_began:
                                owner = cell
                        if buf:
                            link_chars = _flush(buf, blocks, elements, owner, pre_depth, link_chars, new_block, block_text)
                        owner_stack.append(index)
                    else:
                        owner_stack.append(owner_stack[-1] if owner_stack else index)
                        if flags & F_LINK:
                            link_depth += 1
                        elif buf:
                            if flags & F_BR:
                                buf.append("\x00")
                            elif flags & F_CELL:
                                buf.append(" ")
                        if flags & F_CELL:
                            cell_stack.append(index)
                    if flags & F_PRE:
                        pre_depth += 1
                    open_stack.append(index)
                    child = node.first_child
                    if child != NULL:
                        node = child
                        continue
                    leave = True
        while True:
            if leave:
                index = open_stack.pop()
                owner = owner_stack.pop()
                if index >= 0:
                    el = elements[index]
                    el.size = len(elements) - index
                    action = actions[index]
                    if action:
                        if action == end_block:
                            if buf:
                                link_chars = _flush(buf, blocks, elements, owner, pre_depth, link_chars, new_block, block_text)
                        elif action == end_link:
                            if link_depth:
                                link_depth -= 1
                        elif action == end_cell:
                            cell_stack.pop()
                            if buf:
                                if index in cells_with_blocks and index < buf_began:
                                    link_chars = _flush(buf, blocks, elements, index, pre_depth, link_chars, new_block, block_text)
                                else:
                                    buf.append(" ")
                        else:
                            if buf:
                                link_chars = _flush(buf, blocks, elements, owner, pre_depth, link_chars, new_block, block_text)
                            pre_depth -= 1
            if not open_stack:
                if buf:
                    _flush(buf, blocks, elements, owner_stack[-1] if owner_stack else -1, pre_depth, link_chars, new_block, block_text)
                return page
            if node.next != NULL:
                node = node.next
                break
            node = node.parent
            leave = True


cdef Py_ssize_t _flush(list buf, list blocks, list elements, Py_ssize_t owner, Py_ssize_t pre_depth,
                       Py_ssize_t link_chars, object new_block, object block_text) except -1:
    """The Python walk's ``flush``: returns the new ``link_chars`` (always 0)."""
    text = block_text("".join(buf), pre_depth > 0)
    buf.clear()
    cdef Py_ssize_t chars
    if text:
        chars = len(text)
        blocks.append(new_block(text, owner, elements[owner].tag if owner >= 0 else "body", chars, min(link_chars, chars)))
    return 0
