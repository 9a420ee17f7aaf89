package dev.aioloop.demo;

import java.util.List;
import java.util.Locale;

/**
 * A timeline as an SVG picture for a browser: one row (an SVG group of class {@code task}) per task,
 * time across, with a grey line while the task waited, a blue bar for each step it ran, and a red
 * mark where it ended.
 */
final class SvgChart {
    private static final double LABEL_WIDTH = 140;
    private static final double PLOT_WIDTH = 800;
    private static final double ROW_HEIGHT = 28;
    private static final double TOP = 44;
    private static final double MIN_BAR = 2;

    private SvgChart() {
    }

    static String render(List<TaskLife> lives, double end) {
        TimeAxis axis = TimeAxis.of(lives, end);
        double scale = PLOT_WIDTH / Math.max(axis.span(), 1e-3);
        double height = TOP + ROW_HEIGHT * lives.size() + 20;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                        + "font-family=\"monospace\" font-size=\"12\">\n", LABEL_WIDTH + PLOT_WIDTH + 40, height))
                .append("<title>aioloop task timeline</title>\n")
                .append("<style>.waiting{stroke:#999;stroke-width:2}.running{fill:#1f77b4}"
                        + ".done{stroke:#d62728;stroke-width:3}.tick{stroke:#ddd}</style>\n")
                .append("<text x=\"4\" y=\"14\">blue: running, grey: waiting, red: done</text>\n");

        double tick = axis.roundStep(10);
        for (double t = 0; t <= axis.span() + 1e-9; t += tick) {
            double x = LABEL_WIDTH + t * scale;
            svg.append(format("<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x, TOP - 6, x, height - 20))
                    .append(format("<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x, TOP - 10, TimeAxis.label(t)));
        }

        double y = TOP;
        for (TaskLife life : lives) {
            double mid = y + ROW_HEIGHT / 2;
            double last = life.ended() ? life.done() : axis.end();
            svg.append("<g class=\"task\">")
                    .append(format("<text x=\"4\" y=\"%.1f\">%s</text>", mid + 4, escaped(life.name())))
                    .append(format("<line class=\"waiting\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                            x(life.created(), axis, scale), mid, x(last, axis, scale), mid));
            for (TaskLife.Step s : life.steps()) {
                double x = x(s.start(), axis, scale);
                double width = Math.max(MIN_BAR, (s.end() - s.start()) * scale);
                svg.append(format("<rect class=\"running\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                        x, mid - 8, width, 16.0));
            }
            if (life.ended()) {
                double x = x(life.done(), axis, scale);
                svg.append(format("<line class=\"done\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                        x, mid - 10, x, mid + 10));
            }
            svg.append("</g>\n");
            y += ROW_HEIGHT;
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(double time, TimeAxis axis, double scale) {
        return LABEL_WIDTH + (time - axis.origin()) * scale;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String escaped(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                // XML 1.0 cannot carry other control characters at all.
                default -> s.append(c < ' ' && c != '\t' ? '?' : c);
            }
        }
        return s.toString();
    }
}
