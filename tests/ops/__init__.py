"""Tests of running Multaqa as a service: job arguments, the worker's database, the app behind
a proxy, the language of the command line."""
