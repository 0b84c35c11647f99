#ifndef PPROF_LEAK_CZLIB_H
#define PPROF_LEAK_CZLIB_H

#include <zlib.h>

/// `inflateInit2` is a macro, which Swift cannot call: this wraps it.
/// `windowBits` 15 + 16 accepts only the gzip format (RFC 1952).
static inline int czlib_inflate_init_gzip(z_streamp stream) {
  return inflateInit2(stream, 15 + 16);
}

#endif
