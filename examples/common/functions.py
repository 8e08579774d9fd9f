"""Functions the example pipelines call as python tasks (`command: examples.common.functions.<name>`)."""
import os


def hello():
    print("Hello from python!")


def greet(name, greeting="Hello"):
    message = f"{greeting}, {name}!"
    print(message)
    return message


def count_words(text):
    return len(text.split())


def square(x):
    return x * x


def total(squared):
    return sum(squared)


def score(threshold=0.5):
    return 0.82, 0.82 >= threshold


def read_report():
    with open("data/report.txt") as f:
        return f.read().strip()


def attempt_number():
    return int(os.environ.get("RUNNABLE_STEP_ATTEMPT", "0"))
