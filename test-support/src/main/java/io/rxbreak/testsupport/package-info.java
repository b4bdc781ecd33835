/**
 * Test support shared by every module: private network namespaces and the processes in them, deadline waits,
 * privilege checks and fixture files.
 */
package io.rxbreak.testsupport;
