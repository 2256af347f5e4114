# The Python side of python-frames.test: the buffer is got, released and
# read from three functions, each call on a line the test names.
import held_view


def get(data):
    held_view.hold(data)


def release():
    held_view.drop()


def touch():
    return held_view.first()


def main():
    get(bytes(b"abc"))
    release()
    print("read", touch())


main()
