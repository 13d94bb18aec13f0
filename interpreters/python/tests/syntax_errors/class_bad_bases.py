class A(:
  pass
