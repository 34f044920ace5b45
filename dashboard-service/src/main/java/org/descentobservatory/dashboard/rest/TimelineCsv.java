package org.descentobservatory.dashboard.rest;

import org.descentobservatory.dashboard.domain.TimelineRow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A timeline as CSV (RFC 4180, header first, empty cell for a missing value): the JSON row's fields in order, the
 * weight norms spread into one {@code weightNorm_<key>} column per parameter key seen in the run.
 */
final class TimelineCsv {

    private static final String HEADER = "epoch,trainLoss,testLoss,testAccuracy,wrongTestLoss,meanBatchLoss,"
            + "maxBatchLoss,meanGradientNorm,maxGradientNorm,wallTimeMs,asymptoticDistance,chaoticFraction,"
            + "largestLyapunovExponent,lyapunovStandardError,phase,phaseLabelledByAnalyzer,analysedAt";

    private TimelineCsv() {
    }

    static String write(List<TimelineRow> rows) {
        TreeSet<String> normKeys = new TreeSet<>();
        rows.stream().map(TimelineRow::weightNorms).filter(Objects::nonNull).map(Map::keySet)
                .forEach(normKeys::addAll);
        StringBuilder csv = new StringBuilder(rows.size() * 200);
        csv.append(HEADER);
        normKeys.forEach(key -> csv.append(",weightNorm_").append(key));
        csv.append("\r\n");
        for (TimelineRow r : rows) {
            join(csv, r.epoch(), r.trainLoss(), r.testLoss(), r.testAccuracy(), r.wrongTestLoss(), r.meanBatchLoss(),
                    r.maxBatchLoss(), r.meanGradientNorm(), r.maxGradientNorm(), r.wallTimeMs(),
                    r.asymptoticDistance(), r.chaoticFraction(), r.largestLyapunovExponent(),
                    r.lyapunovStandardError(), r.phase(), r.phaseLabelledByAnalyzer(), r.analysedAt());
            for (String key : normKeys) {
                csv.append(',');
                cell(csv, r.weightNorms() == null ? null : r.weightNorms().get(key));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static void join(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            cell(csv, cells[i]);
        }
    }

    private static void cell(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            csv.append(text);
        }
    }
}
