// The review bench runs server use cases whose modules use Fastify's plugin types (cookies, multipart); the
// server's program gets them from app.ts, the bench's from here.
import '@fastify/cookie';
import '@fastify/multipart';
