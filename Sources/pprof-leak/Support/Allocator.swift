#if canImport(CMalloc)
  import CMalloc
#endif

/// How the C allocator treats the buffers a run frees.
enum Allocator {
  /// Keeps freed blocks of up to a few MB for reuse instead of handing them back at once.
  ///
  /// Every snapshot decodes into buffers of a few hundred KB to a few MB, freed when the next
  /// is read. glibc's adaptive threshold serves many of them with a fresh `mmap` and unmaps
  /// them on free, so each snapshot paid again for faulting in zeroed pages: over half of the
  /// page faults and a tenth of the CPU time of a 60-snapshot `trend`. Blocks under 4 MB now
  /// come from the heap, whose free memory the next snapshot reuses; larger ones (the arrays
  /// of one big profile, grown by doubling) are still mapped and unmapped, so that the
  /// outgrown ones do not stay resident as holes in the heap and raise `diff`'s peak.
  static func keepFreedMemory() {
    #if canImport(CMalloc)
      _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, 128 << 20)
    #endif
  }
}
