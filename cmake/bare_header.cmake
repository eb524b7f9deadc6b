# cmake -DIN=contract.hpp -DOUT=bare.hpp -P bare_header.cmake
# A contract header without its comments: the declarations a drill's blank file includes (types
# and signatures), without the formulas and conventions the chapter's text gives away. Comments
# are not tokens, so the types stay the same types as in the chapter's checks (one definition).
file(READ "${IN}" text)
string(REGEX REPLACE "[ \t]*//[^\n]*" "" text "${text}")
string(REGEX REPLACE "\n[ \t]*\n([ \t]*\n)*" "\n" text "${text}")
string(REGEX REPLACE "^\n+" "" text "${text}")
get_filename_component(name "${IN}" NAME)
file(WRITE "${OUT}.tmp" "// ${name} without comments, for drills: generated from chapters/, do not edit.\n${text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
