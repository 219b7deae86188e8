"""The `autoslot` command line: options in (app, options, args, coercion),
an invocation checked and its settings merged (invocation; settings_table
for `--show-settings`), a mode run (modes, stdin), the result out (emit)
and the edges of a run (boundary). Nothing
else imports it (autoslot/__main__.py, the entry point, is part of it).

May import: every layer.
"""
