/**
 * Script protocols (docs/protocols.md, "Script protocols"; DESIGN.md, "Protocols over WebSocket"): a protocol written
 * as data, a {@link dev.herd.engine.protocol.script.Script} of steps, a publish frame and rules, spoken on each
 * connection by a stage that matches received frames in place ({@link dev.herd.engine.protocol.script.FramePattern})
 * and writes its frames from {@link dev.herd.engine.protocol.FrameTemplate}s. herd's CLI reads scripts from YAML; Java
 * code builds them with {@link dev.herd.engine.protocol.script.Script#builder}.
 */
package dev.herd.engine.protocol.script;
