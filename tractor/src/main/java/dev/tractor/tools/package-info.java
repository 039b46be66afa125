/**
 * Command-line tools over a running tree: {@link dev.tractor.tools.TractorCommand} ({@code bin/tractor ps})
 * lists the actors that the registrar knows, as a table or as a tree. Built on the runtime's public API
 * only.
 */
package dev.tractor.tools;
