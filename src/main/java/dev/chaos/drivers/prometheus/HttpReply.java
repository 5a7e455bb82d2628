package dev.chaos.drivers.prometheus;

/** What a server answered: the HTTP status and the whole body. */
record HttpReply(int status, String body) {}
