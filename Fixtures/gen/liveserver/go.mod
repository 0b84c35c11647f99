module pprofleak/liveserver

go 1.19
