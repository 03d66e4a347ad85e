package dev.rtprofile.identity;

/**
 * The kind of thing an identity identifies; it decides whether the identity links, how it ranks by
 * default and in which order identities are evicted from a graph that is over its limit.
 */
public enum IdentityType {
  /** A browser or app cookie, such as ECID; evicted first. */
  COOKIE(4, 0),
  /** A hardware or advertising device id, such as IDFA or GAID. */
  DEVICE(3, 1),
  /** An id that follows a person across devices, such as a CRM id or a login id. */
  CROSS_DEVICE(0, 2),
  /** An email address, plain or hashed. */
  EMAIL(1, 2),
  /** A phone number, plain or hashed. */
  PHONE(2, 2),
  /** An identifier of something that is not a person; kept on records, never links. */
  NON_PEOPLE(5, 3),
  /** An identifier issued by a partner; kept on records, never links. */
  PARTNER(6, 3);

  private final int defaultRank;
  private final int evictionClass;

  IdentityType(int defaultRank, int evictionClass) {
    this.defaultRank = defaultRank;
    this.evictionClass = evictionClass;
  }

  /** Whether identities of this type take part in links; false for NON_PEOPLE and PARTNER. */
  public boolean links() {
    return this != NON_PEOPLE && this != PARTNER;
  }

  /** Whether this type identifies a person: CROSS_DEVICE, EMAIL and PHONE. */
  public boolean isPerson() {
    return this == CROSS_DEVICE || this == EMAIL || this == PHONE;
  }

  /** Whether this type identifies a device or a browser: COOKIE and DEVICE. */
  public boolean isDeviceOrCookie() {
    return this == COOKIE || this == DEVICE;
  }

  /**
   * The default position of this type in the namespace priority order, used for namespaces that the
   * configured priority list does not name (0 ranks first).
   */
  public int defaultRank() {
    return defaultRank;
  }

  /**
   * The order in which identities of this type are evicted from a graph over its limit: cookies (0)
   * before devices (1) before person identities (2).
   */
  public int evictionClass() {
    return evictionClass;
  }
}
