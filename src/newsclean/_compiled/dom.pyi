from newsclean.htmlblocks import PageBlocks

SELECTOLAX_VERSION: str
LEXBOR_VERSION: str

def walk(root: object, hb: object) -> PageBlocks: ...
