package dev.rtprofile.json;

import dev.rtprofile.merge.MergePolicy;
import java.util.Objects;

/**
 * A merge policy as AEP's JSON carries it: the policy and whether it is the default one.
 *
 * @param policy the merge policy
 * @param isDefault whether the document marks it as the default policy ({@code "default": true})
 */
public record MergePolicyDocument(MergePolicy policy, boolean isDefault) {

  /** Validates that the policy is present. */
  public MergePolicyDocument {
    Objects.requireNonNull(policy, "policy");
  }
}
