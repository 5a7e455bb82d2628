package dev.chaos.drivers.sandbox;

/** An object of a cluster by kind (normalised, {@code Kinds.normalise}), namespace and name. */
record ObjectKey(String kind, String namespace, String name) {}
