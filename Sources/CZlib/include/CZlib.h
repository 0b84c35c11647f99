#ifndef PPROF_LEAK_CZLIB_H
#define PPROF_LEAK_CZLIB_H

#include <zlib.h>

/// `inflateInit2` is a macro, which Swift cannot call: this wraps it.
/// `windowBits` 15 + 16 accepts only the gzip format (RFC 1952).
static inline int czlib_inflate_init_gzip(z_streamp stream) {
  return inflateInit2(stream, 15 + 16);
}

/// `deflateInit2` is a macro too: gzip format (windowBits 15 + 16), default memory level.
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
