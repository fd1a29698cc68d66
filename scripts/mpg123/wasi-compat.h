/* WASI libc defines lseek as a macro, which breaks the function-pointer field of that name in readers.c. */
#include <unistd.h>
#undef lseek
