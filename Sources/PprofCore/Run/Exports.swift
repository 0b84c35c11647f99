// PprofCore is the library's top layer and its one product: a client imports it and sees every
// layer's public API beneath.
@_exported public import PprofAnalysis
@_exported public import PprofGoroutine
@_exported public import PprofProfile
@_exported public import PprofReport
@_exported public import PprofUnits
