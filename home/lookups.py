"""`field__any_of=values`: the field is one of `values`, as one parameter.

Django writes `field__in=[1, 2, 3]` as `field IN (%s, %s, %s)`: its SQL changes
with the number of values, so a query compiled once (home/compiled.py) would
need a plan per length. On PostgreSQL `any_of` writes `field = ANY(%s)` with
the values as one array, which the field's index answers as it does `IN`; other
databases get `IN` as usual.
"""

from django.db.models import Field, ForeignObject, Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [self.lhs.output_field.get_prep_value(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [
            field.get_db_prep_value(value, connection, prepared=True)
            for value in self.rhs
        ]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if not values:
            return "1 = 0", tuple(lhs_params)
        placeholders = ", ".join(["%s"] * len(values))
        return f"{lhs} IN ({placeholders})", (*lhs_params, *values)


Field.register_lookup(AnyOf)
# Relations look up only what is registered on them (ForeignObject).
ForeignObject.register_lookup(AnyOf)
