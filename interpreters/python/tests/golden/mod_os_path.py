import os, os.path, errno, sys
print(os.path.join("a", "b", "c"), os.path.join("/x", "/y", "z"), os.path.join("a/", "b"))
print(os.path.split("/a/b/c.txt"), os.path.split("c"), os.path.split("/"))
print(os.path.splitext("x/y.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("a."))
print(os.path.basename("/a/b"), os.path.dirname("/a/b"), os.path.dirname("b"))
print(os.path.normpath("/a/./b/../c//d/"), os.path.normpath("../x/.."), os.path.normpath(""))
print(os.path.isabs("/a"), os.path.isabs("a"), os.path.commonprefix(["abc", "abd"]), os.path.commonpath(["/a/b/c", "/a/b/d"]))
print(os.path.relpath("/a/b/c", "/a/x"), os.path.relpath("/a", "/a"))
here = os.path.dirname(os.path.abspath(__file__))
print(os.path.exists(here), os.path.isdir(here), os.path.isfile(here), os.path.isfile(__file__))
print(os.path.exists(os.path.join(here, "no_such_file")), os.path.getsize(__file__) > 0)
print("mod_os_path.py" in os.listdir(here), os.sep, os.pathsep, os.curdir, os.linesep == "\n")
print(os.environ.get("NO_SUCH_VAR_XYZ"), os.getenv("NO_SUCH_VAR_XYZ", "dflt"), isinstance(os.getpid(), int))
os.environ["REPY_TEST_VAR"] = "hello"; print(os.environ["REPY_TEST_VAR"], os.getenv("REPY_TEST_VAR"))
del os.environ["REPY_TEST_VAR"]; print("REPY_TEST_VAR" in os.environ)
print(errno.ENOENT, errno.EEXIST, errno.errorcode[2], errno.EAGAIN == errno.EWOULDBLOCK)
try:
    os.listdir(os.path.join(here, "no_such_dir"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, e.filename == os.path.join(here, "no_such_dir"))
try:
    os.stat("/no/such/path")
except OSError as e:
    print(type(e).__name__, e.errno == errno.ENOENT)
print(os.strerror(2), os.path.expanduser("x/~"), os.path.expandvars("$NO_SUCH_VAR_XYZ/a"))
print(os.getcwd() == os.path.abspath("."), sys.modules["os.path"] is os.path)
