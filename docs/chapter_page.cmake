# cmake -DREADME=chapters/NN-x/README.md -DBOX=box.md -DOUT=chapterNN.md -DID=NN -P chapter_page.cmake
#
# The page Doxygen reads for a chapter: the chapter's text, with a table of contents and the
# "your turn" box (generated from the manifest, so the file and command it names cannot drift)
# placed under its title line. Its "## Interview corner" gets the anchor interviewNN (the
# drills page links to it).
file(READ "${README}" text)
file(READ "${BOX}" box)
string(FIND "${text}" "\n" eol)
string(SUBSTRING "${text}" 0 ${eol} title)
string(SUBSTRING "${text}" ${eol} -1 rest)
string(REPLACE "\n## Interview corner\n" "\n## Interview corner {#interview${ID}}\n" rest "${rest}")
file(WRITE "${OUT}" "${title}\n\n[TOC]\n\n${box}${rest}")
