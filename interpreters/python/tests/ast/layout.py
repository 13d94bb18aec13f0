if x:
	if y:
		pass
	z = 1
w = (1,
     2)
v = 1 + \
    2
# comment

   # indented comment
u = [
  1,  # c
]
t = 1