"""The works schedule: a pure-Python core (no Django) around a CP-SAT model.

See spec/schedule.md. Entry points: `solver.solve`, `validator.validate`, `cli.main`.
"""
