Hello World: prints Hello followed by World and a newline

Cell 0 counts ten turns; each turn adds 7 to cell 1 and 10 to cell 2
and 3 to cell 3 and 1 to cell 4 so they hold 70 100 30 10
++++++++++[>+++++++>++++++++++>+++>+<<<<-]
>++.                  H is 72
>+.                   e is 101
+++++++..             l l is 108
+++.                  o is 111
>++++++++++++++.      comma is 44
------------.         space is 32
<<+++++++++++++++.    W is 87
>.                    o
+++.                  r is 114
------.               l
--------.             d is 100
>+.                   exclamation mark is 33
>.                    newline is 10
