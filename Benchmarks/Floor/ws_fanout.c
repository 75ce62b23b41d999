// The floor of `perpetua bench ws` on a machine: the least a depth update to N
// WebSocket subscribers can cost when both ends share the machine's cores over
// loopback TCP, as `bench ws` requires (issue #6).
//
// It models only what no implementation can avoid: one TCP connection per
// subscriber, one write of a message per subscriber and update on the server side,
// one read per ready socket on the subscriber side. No commit path, no JSON, no
// WebSocket framing, no order load, no allocation: plain C with epoll. So every
// figure it prints is a lower bound for the same fan-out done by a real server.
//
// T threads each own a share of the server-side sockets (they write) and of the
// subscriber-side sockets (they read, with epoll), as an event-loop group shared by a
// server and its in-process subscribers does. A publisher wakes them U times a second;
// each message carries its publish time, and the latency of a delivery is its arrival
// minus that time. After the last update the run waits for every delivery (up to 30 s),
// so a late one is counted, not dropped.
//
//   cc -O2 -pthread -o ws_fanout ws_fanout.c
//   ./ws_fanout [subscribers=1000] [updates/s=100] [threads=2] [seconds=8] [bytes=260]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_THREADS = 64 };

static int subscribers = 1000, rate = 100, threads = 2, seconds = 8, bytes = 260;
static int *server_side, *client_side;
// Per subscriber: the bytes of a message that a read cut in two, until the next read.
static char (*carry)[4096];
static int *carried;
static int wake[MAX_THREADS];
// The publish time of each update, and how many have been published.
static int64_t *published;
static volatile long publishedCount;
static volatile int stopping;
static int64_t *latencies;
static long expected;
static volatile long delivered;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *worker(void *argument) {
    int id = (int)(long)argument, poll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.u64 = UINT64_MAX};
    epoll_ctl(poll, EPOLL_CTL_ADD, wake[id], &event);
    for (int i = id; i < subscribers; i += threads) {
        event.data.u64 = (uint64_t)i;
        epoll_ctl(poll, EPOLL_CTL_ADD, client_side[i], &event);
    }
    char message[4096], buffer[65536];
    memset(message, 'x', sizeof message);
    struct epoll_event ready[512];
    long done = 0;
    while (!stopping) {
        int count = epoll_wait(poll, ready, 512, 50);
        for (int k = 0; k < count; k++) {
            if (ready[k].data.u64 == UINT64_MAX) {
                uint64_t value;
                if (read(wake[id], &value, 8) != 8) continue;
                // Every update published since the last wake, each with its own time: a
                // thread that falls behind catches up, and its lateness counts.
                for (long last = __atomic_load_n(&publishedCount, __ATOMIC_ACQUIRE); done < last; done++) {
                    memcpy(message, &published[done], 8);
                    for (int i = id; i < subscribers; i += threads) {
                        if (write(server_side[i], message, bytes) != bytes) { perror("write"); exit(1); }
                    }
                }
                continue;
            }
            int i = (int)ready[k].data.u64;
            int kept = carried[i];
            memcpy(buffer, carry[i], kept);
            ssize_t got = read(client_side[i], buffer + kept, sizeof buffer - kept);
            if (got <= 0) continue;
            int64_t arrived = now_ns();
            ssize_t total = kept + got, offset = 0;
            for (; offset + bytes <= total; offset += bytes) {
                int64_t time;
                memcpy(&time, buffer + offset, 8);
                long slot = __atomic_fetch_add(&delivered, 1, __ATOMIC_RELAXED);
                if (slot < expected) latencies[slot] = arrived - time;
            }
            carried[i] = (int)(total - offset);
            memcpy(carry[i], buffer + offset, carried[i]);
        }
    }
    return NULL;
}

static int ascending(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc > 1) subscribers = atoi(argv[1]);
    if (argc > 2) rate = atoi(argv[2]);
    if (argc > 3) threads = atoi(argv[3]);
    if (argc > 4) seconds = atoi(argv[4]);
    if (argc > 5) bytes = atoi(argv[5]);
    if (subscribers < 1 || rate < 1 || threads < 1 || threads > MAX_THREADS || seconds < 1 || bytes < 8 || bytes > 4096) {
        fprintf(stderr, "usage: ws_fanout [subscribers>=1] [updates/s>=1] [threads 1..64] [seconds>=1] [bytes 8..4096]\n");
        return 2;
    }
    server_side = calloc(subscribers, sizeof(int));
    client_side = calloc(subscribers, sizeof(int));
    carry = calloc(subscribers, sizeof *carry);
    carried = calloc(subscribers, sizeof(int));
    int listener = socket(AF_INET, SOCK_STREAM, 0), on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 4096)
        || getsockname(listener, (struct sockaddr *)&address, &length)) { perror("listen"); return 1; }
    for (int i = 0; i < subscribers; i++) {
        client_side[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(client_side[i], (struct sockaddr *)&address, sizeof address)) { perror("connect"); return 1; }
        server_side[i] = accept(listener, NULL, NULL);
        if (server_side[i] < 0) { perror("accept"); return 1; }
        setsockopt(server_side[i], IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        setsockopt(client_side[i], IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    long updates = (long)rate * seconds;
    expected = updates * subscribers;
    latencies = malloc(expected * sizeof *latencies);
    published = calloc(updates, sizeof *published);
    pthread_t workers[MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        wake[t] = eventfd(0, 0);
        pthread_create(&workers[t], NULL, worker, (void *)(long)t);
    }
    usleep(200000);
    int64_t period = 1000000000LL / rate, next = now_ns() + period;
    for (long u = 0; u < updates; u++) {
        for (int64_t left; (left = next - now_ns()) > 0;) {
            struct timespec pause = {left / 1000000000LL, left % 1000000000LL};
            nanosleep(&pause, NULL);
        }
        published[u] = now_ns();
        __atomic_store_n(&publishedCount, u + 1, __ATOMIC_RELEASE);
        uint64_t one = 1;
        for (int t = 0; t < threads; t++) (void)!write(wake[t], &one, 8);
        next += period;
    }
    for (int64_t deadline = now_ns() + 30000000000LL; delivered < expected && now_ns() < deadline;) usleep(10000);
    stopping = 1;
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    long count = delivered < expected ? delivered : expected;
    qsort(latencies, count, sizeof *latencies, ascending);
    printf("subscribers %d, %d updates/s, %d threads, %d s, %d-byte messages: %ld of %ld delivered\n",
        subscribers, rate, threads, seconds, bytes, count, expected);
    printf("{\"subscribers\":%d,\"updatesPerSec\":%d,\"threads\":%d,\"delivered\":%ld,\"expected\":%ld,"
           "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f}\n",
        subscribers, rate, threads, count, expected, latencies[count / 2] / 1e6,
        latencies[(long)(count * 0.99)] / 1e6, latencies[count - 1] / 1e6);
    return count == expected ? 0 : 1;
}
