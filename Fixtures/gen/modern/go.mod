module modern

go 1.21
