/** 403: the user is signed in but lacks the permission for the page. */
import { ForbiddenResult } from '../../components/ErrorResults';

export default function ForbiddenPage() {
  return <ForbiddenResult />;
}
