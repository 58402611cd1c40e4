package org.alphatree.blocks.diagram;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Series-parallel layout of a {@link Diagram} tree, drawn as SVG or listed as DOT. */
final class SvgRenderer {

    private static final double LW = 200;
    private static final double LH = 42;
    private static final double GAP = 16;
    private static final double JOIN = 24;
    private static final double MARGIN = 20;
    private static final Map<String, String> FILL =
            Map.of(
                    "conv", "#dbe9f6", "pool", "#fde3c8", "norm", "#ececec", "act", "#e3f2dc",
                    "linear", "#f3dcef", "block", "#fff4bf", "io", "#ffffff");

    private record Box(double w, double h) {}

    private record GNode(
            int id,
            String kind,
            String label,
            String path,
            Shape out,
            double cx,
            double top,
            double bottom) {}

    private final String title;
    private final List<GNode> nodes = new ArrayList<>();
    private final List<int[]> edges = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    SvgRenderer(String title) {
        this.title = title;
    }

    private Box measure(Diagram.Node n) {
        if (n instanceof Diagram.Leaf) {
            return new Box(LW, LH);
        }
        if (n instanceof Diagram.Seq s) {
            double w = 0;
            double h = 0;
            for (Diagram.Node c : s.items()) {
                Box b = measure(c);
                w = Math.max(w, b.w());
                h += b.h();
            }
            return new Box(w, h + GAP * (s.items().size() - 1));
        }
        if (n instanceof Diagram.Par p) {
            double w = 0;
            double h = 0;
            for (Diagram.Node c : p.branches()) {
                Box b = measure(c);
                w += b.w();
                h = Math.max(h, b.h());
            }
            return new Box(w + GAP * (p.branches().size() - 1), JOIN + GAP + h + GAP + JOIN);
        }
        Diagram.Res r = (Diagram.Res) n;
        Box m = measure(r.main());
        double lane = r.shortcut() == null ? 2 * GAP : measure(r.shortcut()).w() + 2 * GAP;
        double h = m.h();
        if (r.shortcut() != null) {
            h = Math.max(h, measure(r.shortcut()).h() + 2 * GAP);
        }
        return new Box(m.w() + lane, h + GAP + JOIN);
    }

    private int node(
            String kind, String label, String path, Shape out, double cx, double top, double h) {
        int id = nodes.size();
        nodes.add(new GNode(id, kind, label, path, out, cx, top, top + h));
        return id;
    }

    private void edge(int from, int to, boolean shortcutLane, double laneX) {
        if (from < 0) {
            return;
        }
        edges.add(new int[] {from, to});
        GNode a = nodes.get(from);
        GNode b = nodes.get(to);
        String d;
        if (shortcutLane) {
            d =
                    String.format(
                            Locale.ROOT,
                            "M%.1f %.1f L%.1f %.1f L%.1f %.1f L%.1f %.1f",
                            a.cx(),
                            a.bottom(),
                            laneX,
                            a.bottom() + GAP / 2,
                            laneX,
                            (b.top() + b.bottom()) / 2,
                            b.cx() + JOIN / 2,
                            (b.top() + b.bottom()) / 2);
        } else if (Math.abs(a.cx() - b.cx()) < 0.5) {
            d =
                    String.format(
                            Locale.ROOT,
                            "M%.1f %.1f L%.1f %.1f",
                            a.cx(),
                            a.bottom(),
                            b.cx(),
                            b.top());
        } else {
            double mid = b.top() - GAP / 2;
            if (mid < a.bottom()) {
                mid = (a.bottom() + b.top()) / 2;
            }
            d =
                    String.format(
                            Locale.ROOT,
                            "M%.1f %.1f L%.1f %.1f L%.1f %.1f L%.1f %.1f",
                            a.cx(),
                            a.bottom(),
                            a.cx(),
                            mid,
                            b.cx(),
                            mid,
                            b.cx(),
                            b.top());
        }
        body.append("<path class=\"edge")
                .append(shortcutLane ? " shortcut" : "")
                .append("\" d=\"")
                .append(d)
                .append("\"/>\n");
    }

    /** Draws n in the column [x, x + w) from y; returns the exit node. */
    private int draw(Diagram.Node n, double x, double y, double w, int from) {
        double cx = x + w / 2;
        if (n instanceof Diagram.Leaf l) {
            int id = node(l.kind(), l.label(), l.path(), l.out(), cx, y, LH);
            edge(from, id, false, 0);
            return id;
        }
        if (n instanceof Diagram.Seq s) {
            int prev = from;
            double yy = y;
            for (Diagram.Node c : s.items()) {
                prev = draw(c, x, yy, w, prev);
                yy += measure(c).h() + GAP;
            }
            return prev;
        }
        if (n instanceof Diagram.Par p) {
            Box box = measure(p);
            int split = node("split", "", "", null, cx, y + JOIN / 2 - 4, 8);
            edge(from, split, false, 0);
            double bx = cx - (box.w()) / 2;
            List<Integer> exits = new ArrayList<>();
            for (Diagram.Node c : p.branches()) {
                Box cb = measure(c);
                exits.add(draw(c, bx, y + JOIN + GAP, cb.w(), split));
                bx += cb.w() + GAP;
            }
            int concat =
                    p.sum()
                            ? node("add", "+", "", null, cx, y + box.h() - JOIN, JOIN)
                            : node("concat", "concat", "", null, cx, y + box.h() - JOIN, JOIN);
            for (int e : exits) {
                edge(e, concat, false, 0);
            }
            return concat;
        }
        Diagram.Res r = (Diagram.Res) n;
        Box m = measure(r.main());
        Box total = measure(r);
        double mainX = x + (w - total.w()) / 2;
        double mcx = mainX + m.w() / 2;
        int mainExit = draw(r.main(), mainX, y, m.w(), from);
        int add = node("add", "+", "", null, mcx, y + total.h() - JOIN, JOIN);
        edge(mainExit, add, false, 0);
        if (r.shortcut() == null) {
            edge(from, add, true, mainX + m.w() + GAP);
        } else {
            Box sb = measure(r.shortcut());
            int sExit = draw(r.shortcut(), mainX + m.w() + GAP, y + GAP, sb.w(), from);
            edges.add(new int[] {sExit, add});
            GNode a = nodes.get(sExit);
            GNode b = nodes.get(add);
            body.append(
                    String.format(
                            Locale.ROOT,
                            "<path class=\"edge shortcut\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f\"/>%n",
                            a.cx(),
                            a.bottom(),
                            a.cx(),
                            (b.top() + b.bottom()) / 2,
                            b.cx() + JOIN / 2,
                            (b.top() + b.bottom()) / 2));
        }
        return add;
    }

    private void layout(Diagram.Node root) {
        Box b = measure(root);
        double w = Math.max(b.w(), LW);
        double x = MARGIN;
        double y = MARGIN + 28;
        int in = node("io", "input", "", null, x + w / 2, y, 30);
        draw(root, x, y + 30 + GAP, w, in);
    }

    String render(Diagram.Node root) {
        layout(root);
        double maxX = 0;
        double maxY = 0;
        for (GNode g : nodes) {
            maxX = Math.max(maxX, g.cx() + LW / 2);
            maxY = Math.max(maxY, g.bottom());
        }
        StringBuilder svg = new StringBuilder();
        double width = Math.max(maxX + MARGIN + 60, 360);
        double height = maxY + MARGIN;
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">%n",
                        width,
                        height,
                        width,
                        height));
        svg.append(
                "<style>.edge{fill:none;stroke:#555;stroke-width:1.2}.shortcut{stroke:#c0392b;stroke-dasharray:4 3}.node rect{stroke:#444;stroke-width:1}text{font-size:11px;text-anchor:middle}.shape{fill:#555;font-size:10px}</style>\n");
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" style=\"font-size:14px;font-weight:bold;text-anchor:start\">%s</text>%n",
                        MARGIN,
                        MARGIN + 8,
                        esc(title)));
        svg.append(body);
        for (GNode g : nodes) {
            svg.append("<g class=\"node\" data-kind=\"")
                    .append(g.kind())
                    .append("\" data-path=\"")
                    .append(esc(g.path()))
                    .append("\">");
            double h = g.bottom() - g.top();
            switch (g.kind()) {
                case "split" ->
                        svg.append(
                                String.format(
                                        Locale.ROOT,
                                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#555\"/>",
                                        g.cx(),
                                        g.top() + 4));
                case "add" ->
                        svg.append(
                                String.format(
                                        Locale.ROOT,
                                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" stroke=\"#444\"/><text x=\"%.1f\" y=\"%.1f\" style=\"font-size:16px\">+</text>",
                                        g.cx(),
                                        g.top() + h / 2,
                                        h / 2,
                                        g.cx(),
                                        g.top() + h / 2 + 5));
                case "concat" ->
                        svg.append(
                                String.format(
                                        Locale.ROOT,
                                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"90\" height=\"%.1f\" rx=\"10\" fill=\"#fff\"/><text x=\"%.1f\" y=\"%.1f\">concat</text>",
                                        g.cx() - 45,
                                        g.top(),
                                        h,
                                        g.cx(),
                                        g.top() + 16));
                default -> {
                    double bw = g.kind().equals("io") ? 120 : LW;
                    svg.append(
                            String.format(
                                    Locale.ROOT,
                                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" fill=\"%s\"/>",
                                    g.cx() - bw / 2,
                                    g.top(),
                                    bw,
                                    h,
                                    FILL.getOrDefault(g.kind(), "#fff")));
                    String label =
                            g.label().length() > 34 ? g.label().substring(0, 32) + "…" : g.label();
                    svg.append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
                                    g.cx(),
                                    g.top() + (g.out() == null ? h / 2 + 4 : 17),
                                    esc(label)));
                    if (g.out() != null) {
                        svg.append(
                                String.format(
                                        Locale.ROOT,
                                        "<text class=\"shape\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                                        g.cx(),
                                        g.top() + 32,
                                        esc(shape(g.out()))));
                    }
                }
            }
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    String dot(Diagram.Node root) {
        layout(root);
        StringBuilder sb =
                new StringBuilder("digraph \"")
                        .append(title.replace("\"", "'"))
                        .append(
                                "\" {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        for (GNode g : nodes) {
            String label =
                    switch (g.kind()) {
                        case "split" -> "";
                        case "add" -> "+";
                        default -> g.label() + (g.out() == null ? "" : "\\n" + shape(g.out()));
                    };
            String shape =
                    switch (g.kind()) {
                        case "split" -> "point";
                        case "add" -> "circle";
                        case "concat" -> "box, style=rounded";
                        default ->
                                "box, style=filled, fillcolor=\""
                                        + FILL.getOrDefault(g.kind(), "#ffffff")
                                        + "\"";
                    };
            sb.append("  n")
                    .append(g.id())
                    .append(" [label=\"")
                    .append(label.replace("\"", "'"))
                    .append("\", shape=")
                    .append(shape)
                    .append("];\n");
        }
        for (int[] e : edges) {
            sb.append("  n").append(e[0]).append(" -> n").append(e[1]).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static String shape(Shape s) {
        StringBuilder sb = new StringBuilder();
        for (long d : s.getShape()) {
            sb.append(sb.length() == 0 ? "" : "×").append(d);
        }
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
