package org.descentobservatory.dashboard.rest;

/** JSON body of an error answer. */
public record ErrorView(int status, String error) {
}
