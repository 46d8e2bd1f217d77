"""python -m fake_zoom [--host H] [--port P] [--state-file PATH] [--port-file PATH]"""
import argparse
import logging
import os
import signal
import sys

from .server import make_server


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m fake_zoom', description=__doc__)
    parser.add_argument('--host', default=os.environ.get('ZOOM_HOST', '127.0.0.1'))
    parser.add_argument('--port', type=int, default=int(os.environ.get('ZOOM_PORT', 8790)),
                        help='0 picks a free port (see --port-file)')
    parser.add_argument('--state-file', default=os.environ.get('ZOOM_STATE_FILE'),
                        help='JSON file the state is saved to after each change and loaded from')
    parser.add_argument('--port-file', help='write the port here once listening')
    parser.add_argument('--public-url', default=os.environ.get('ZOOM_PUBLIC_URL'),
                        help='base of join/start links, when browsers reach us by another name')
    parser.add_argument('--verbose', action='store_true', help='log every request')
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format='%(asctime)s %(name)s %(levelname)s %(message)s')

    server = make_server(
        args.host, args.port,
        client_id=os.environ.get('ZOOM_CLIENT_ID', 'demo-client-id'),
        client_secret=os.environ.get('ZOOM_CLIENT_SECRET', 'demo-client-secret'),
        webhook_secret=os.environ.get('ZOOM_WEBHOOK_SECRET', 'demo-webhook-secret'),
        state_file=args.state_file, public_url=args.public_url)
    port = server.server_address[1]
    if args.port_file:
        # Written only now that the socket listens, so readers may connect at once.
        tmp = args.port_file + '.tmp'
        with open(tmp, 'w') as handle:
            handle.write(str(port))
        os.replace(tmp, args.port_file)
    logging.getLogger('fake_zoom').info('fake Zoom listening on http://%s:%s', args.host, port)

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
