for x in y:
	if a:
        pass
