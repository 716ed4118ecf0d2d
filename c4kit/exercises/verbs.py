"""Word stems that make a relationship label say what happens, shared by the course's exercise tasks.

A :class:`~c4kit.exercises.tasks.RelSpec` accepts a label when it mentions one of its stems
(``"publish"`` matches "Publishes", "publishing"...).  The same kinds of arrow come back in every
exercise set: something publishes to a queue, something consumes from it, a broker delivers, a
service reads and writes its database, one box calls another.  Their vocabularies live here, so
every set accepts the same words for the same act; a task adds the verbs of its own story
(``CALLS + ("book", "charg")``).  Generous on purpose: a learner who wrote "Pushes events to"
has said what happens, and the checker is not a spelling test of one verb.
"""

from __future__ import annotations

#: Putting something on a queue or a bus.
PUBLISHES = ("publish", "send", "emit", "put", "post", "push", "produc", "rais", "announc", "writ")
#: Taking something off a queue or a bus.
CONSUMES = ("consum", "read", "receiv", "subscrib", "listen", "pull", "poll", "take", "react")
#: A broker handing a message on.
DELIVERS = ("deliver", "send", "push", "forward", "pass", "hand", "notif", "dispatch")
#: A service and its own data store.
READS_WRITES = ("read", "writ", "stor", "sav", "load", "quer", "updat", "fetch", "keep", "look", "persist",
                "access", "track", "hold", "record")
#: One box asking another to do something (no "use": "Uses" is the vague label the checker exists to question).
CALLS = ("call", "send", "request", "ask", "fetch", "get", "quer", "load", "post")
