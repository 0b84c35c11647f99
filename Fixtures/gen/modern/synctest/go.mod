module modern/synctest

go 1.25
