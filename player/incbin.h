/* incbin.h: puts a file into the binary's read-only data at build time (the assembler's .incbin),
 * as sym[] .. sym_end[], followed by a NUL byte. Used for the player's static files and the
 * compiled translation catalogues, so that the server needs no files beside it. */
#ifndef STEPWISE_INCBIN_H
#define STEPWISE_INCBIN_H

#define INCBIN(sym, file)                                                                     \
    __asm__(".section .rodata\n.balign 16\n.global " #sym "\n" #sym ":\n.incbin \"" file "\"\n" \
            ".global " #sym "_end\n" #sym "_end:\n.byte 0\n.previous\n");                     \
    extern const unsigned char sym[], sym##_end[]

#endif
