public import ArgumentParser
public import PprofCore

// The library's own enums are the options' values: no mirror enums to keep in step.
extension FailOn: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension TrendOrder: ExpressibleByArgument {}
