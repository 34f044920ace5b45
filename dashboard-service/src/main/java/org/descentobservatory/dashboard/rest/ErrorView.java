package org.descentobservatory.dashboard.rest;

import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** JSON body of an error answer. */
public record ErrorView(int status, String error) {

    static RestResponse<ErrorView> response(RestResponse.Status status, String message) {
        return RestResponse.ResponseBuilder.create(status, new ErrorView(status.getStatusCode(), message))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
