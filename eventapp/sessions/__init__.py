"""Sessions: rooms, the sessions of each event day, the people in them, and the timetable with
its conflict checks. The sessions sit below the events: eventapp.events imports them, never the
reverse."""
