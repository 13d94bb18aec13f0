x = "a" "b
