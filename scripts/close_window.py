#!/usr/bin/python3
# Closes every window on the X display the way a window manager's close button does: sends
# WM_DELETE_WINDOW to each window that asks for it. Used by scripts/test.sh to end the installed
# app normally (so its exit backup runs) under Xvfb, where there is no window manager.
from Xlib import display, X, protocol
d = display.Display()
root = d.screen().root
WM_PROTOCOLS = d.intern_atom('WM_PROTOCOLS')
WM_DELETE = d.intern_atom('WM_DELETE_WINDOW')
sent = 0
def walk(w):
    global sent
    try:
        protos = w.get_wm_protocols() or []
    except Exception:
        protos = []
    if WM_DELETE in protos:
        ev = protocol.event.ClientMessage(window=w, client_type=WM_PROTOCOLS, data=(32, [WM_DELETE, X.CurrentTime, 0, 0, 0]))
        w.send_event(ev)
        sent += 1
    for c in w.query_tree().children:
        walk(c)
walk(root)
d.flush()
print("sent", sent)
