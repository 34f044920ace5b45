package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.trainer.config.TrainerConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This trainer replica's name: {@code observatory.trainer.replica-id}, or {@code <host>-<pid>}. */
@ApplicationScoped
public class Replica {

    private final String id;

    public Replica(TrainerConfig config) {
        this.id = config.trainer().replicaId().orElseGet(Replica::hostAndPid);
    }

    public String id() {
        return id;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
