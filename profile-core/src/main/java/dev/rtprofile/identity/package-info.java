/**
 * Identities and the namespaces they belong to: the catalogue of standard namespaces, custom
 * namespaces, validation and opt-in normalization of identity values.
 */
@NullMarked
package dev.rtprofile.identity;

import org.jspecify.annotations.NullMarked;
