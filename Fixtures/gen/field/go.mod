module field

go 1.19
