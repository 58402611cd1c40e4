package org.alphatree.blocks.summary;

import ai.djl.ndarray.types.Shape;

/** Minimal JSON formatting for summaries (the library depends on nothing but DJL's API). */
final class Json {
    private Json() {}

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String shape(Shape s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        long[] d = s.getShape();
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : ",").append(d[i]);
        }
        return sb.append(']').toString();
    }
}
