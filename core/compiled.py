"""Querysets whose SQL Django compiles once per process, not on every request.

Django turns a queryset into SQL each time it is read: for the queries every page makes
(the Site, routing, the menu) that is most of their cost, 0.5-2 ms each, for SQL that is
the same every time but for its parameters. `CompiledQuery` builds its queryset once, with
a stand-in for each argument, keeps the SQL Django writes for it, and on each call reads
the rows with the real arguments put in the stand-ins' places.

    SITES = CompiledQuery(lambda: Site.objects.select_related("root_page"))
    CHILDREN = CompiledQuery(lambda parent_id, slugs: Page.objects.filter(...))
    CHILDREN(page.pk, ["news", "events"])  # a list of pages, prefetches done

Arguments are strings and integers, or lists of them. Each must reach the database as
given (an equality or an IN list) or inside a LIKE pattern (`__startswith`): an argument
Django changes on the way, or one that changes the SQL itself (a LIMIT), is refused the
first time with a ValueError. A list's length is part of the SQL, so each length is
compiled once. A call with any other value (None, a date, an empty list or one longer
than MAX_LIST_LENGTH) reads the queryset as Django would, compiling it.
"""

import threading
import weakref

from django.db import connections

# Held while a statement is built and compiled: two threads (gunicorn's) compiling the same
# query at once could each change it under the other.
_compiling = threading.Lock()
# An argument list longer than this is compiled on every call, so the SQL kept stays small.
MAX_LIST_LENGTH = 200


class CompiledQuery:
    def __init__(self, build):
        """`build(*args)` returns the queryset; it is called once per shape of arguments."""
        self.build = build
        self._statements = {}

    def __call__(self, *args):
        """The rows of `build(*args)`, as a list, read with SQL compiled once."""
        args = tuple(_distinct(arg) if isinstance(arg, (list, tuple)) else arg for arg in args)
        shape = tuple(_shape(arg) for arg in args)
        if None in shape:  # an empty or long list, or a value of another type
            return list(self.build(*args))
        statement = self._statements.get(shape)
        if statement is None:
            with _compiling:
                statement = self._statements.get(shape) or _Statement(self.build, shape)
                self._statements[shape] = statement
        return statement.read(args)


def _shape(arg):
    """(type, length of a list or None) of an argument that can be compiled once, else None."""
    items = arg if isinstance(arg, tuple) else (arg,)
    kinds = {type(item) for item in items}
    if len(kinds) != 1 or not kinds <= {str, int} or not 0 < len(items) <= MAX_LIST_LENGTH:
        return None
    return kinds.pop(), len(arg) if isinstance(arg, tuple) else None


class _Statement:
    """One shape of arguments: the queryset built twice, with two sets of stand-ins, and per
    database its SQL and what Django needs to turn the rows back into objects."""

    def __init__(self, build, shape):
        self.stand_ins = _stand_ins(shape, first=True)
        self.queryset = build(*self.stand_ins)
        self.other_queryset = build(*_stand_ins(shape, first=False))
        self.compiled = {}

    def read(self, args):
        queryset = self.queryset._chain()
        using = queryset.db
        compiled = self.compiled.get(using)
        if compiled is None:
            with _compiling:
                compiled = self.compiled.get(using) or _Compiled(self, using)
                self.compiled[using] = compiled
        params = compiled.params(args, connections[using])
        real_get_compiler = queryset.query.get_compiler

        def get_compiler(using=None, connection=None, elide_empty=True):
            return compiled.replay(real_get_compiler(using, connection, elide_empty), params)

        # Only this copy of the query, read here and then dropped, skips compiling.
        queryset.query.get_compiler = get_compiler
        return list(queryset)


class _Compiled:
    def __init__(self, statement, using):
        # Compiling changes a query (its table aliases): compile copies, never the querysets kept.
        compiler = statement.queryset._chain().query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        other_sql, other_params = statement.other_queryset._chain().query.get_compiler(using=using).as_sql()
        if other_sql != self.sql:
            raise ValueError("An argument changes the SQL itself (e.g. a LIMIT): it cannot be compiled once.")
        self.state = {name: getattr(compiler, name) for name in
                      ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")}
        self.fixed = tuple(params)
        self.places = _places(params, other_params, statement.stand_ins)
        # Per connection (each thread has its own): a row's converters (text to dates,
        # UUIDs...) are the backend's, bound to it. Working them out cost 0.1-0.3 ms a query.
        self.converters = weakref.WeakKeyDictionary()

    def params(self, args, connection):
        """The statement's parameters with the arguments in their stand-ins' places."""
        params = list(self.fixed)
        for position, (arg_index, item_index, pattern) in self.places.items():
            value = args[arg_index] if item_index is None else args[arg_index][item_index]
            params[position] = value if pattern is None else pattern.replace(
                _PLACEHOLDER, connection.ops.prep_for_like_query(value))
        return params

    def replay(self, compiler, params):
        """`compiler` (of a copy of the query, for this connection) set up as compiling it
        would have left it, answering `as_sql()` with the SQL kept and these parameters, and
        `get_converters()` with the converters worked out for its connection the first time."""
        for name, value in self.state.items():
            setattr(compiler, name, value)
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        converters = self.converters.get(compiler.connection)
        if converters is None:
            converters = self.converters[compiler.connection] = compiler.get_converters(
                [column for column, *_ in self.state["select"][: self.state["col_count"]]])
        compiler.get_converters = lambda expressions: converters
        return compiler


# Marks where an argument goes in a LIKE pattern kept from compiling ('<stand-in>%').
_PLACEHOLDER = "\x1f"


def _places(params, other_params, stand_ins):
    """{position: (argument, item of a list or None, LIKE pattern or None)}: where each
    argument goes among the compiled parameters. A parameter that differs between the two
    compilations came from an argument; one that is the same is fixed, even if it happens to
    equal a stand-in. Refuses an argument Django changed on its way to the database (a date
    made text, an integer out of its field's range...): it could not be put in place later."""
    wanted = {}
    for arg_index, stand_in in enumerate(stand_ins):
        items = stand_in if isinstance(stand_in, tuple) else (stand_in,)
        for item_index, item in enumerate(items):
            wanted[item] = (arg_index, item_index if isinstance(stand_in, tuple) else None)
    places, found = {}, set()
    for position, (param, other) in enumerate(zip(params, other_params)):
        if param == other:
            continue
        if param in wanted:
            places[position] = (*wanted[param], None)
            found.add(param)
            continue
        inside = [item for item in wanted if isinstance(param, str) and isinstance(item, str) and item in param]
        if len(inside) != 1:
            raise ValueError(f"Parameter {position} of the SQL comes from an argument Django changed: "
                             "it cannot be compiled once.")
        places[position] = (*wanted[inside[0]], param.replace(inside[0], _PLACEHOLDER))
        found.add(inside[0])
    missing = [wanted[item][0] for item in wanted if item not in found]
    if missing:
        raise ValueError(f"Argument {missing[0]} does not reach the SQL as given: it cannot be compiled once.")
    return places


def _stand_ins(shape, first):
    """Values to build the queryset with in place of the arguments: two sets (`first` or
    not), each value distinct from every other. Numbers stay small enough for any integer
    field (Django compiles away a comparison with a number out of its field's range);
    strings are letters and digits, which LIKE patterns leave as they are."""
    numbers = iter(range(20000 if first else 26000, 32000))
    letter = "A" if first else "B"

    def stand_in(kind):
        number = next(numbers)
        return number if kind is int else f"cQs{letter}{number}x"

    return [stand_in(kind) if length is None else tuple(stand_in(kind) for _ in range(length))
            for kind, length in shape]


def _distinct(items):
    """A list's items once each, in order, as an SQL IN list holds them."""
    return tuple(dict.fromkeys(items))
