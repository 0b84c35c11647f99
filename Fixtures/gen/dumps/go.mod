module pprofleak/dumps

go 1.19
